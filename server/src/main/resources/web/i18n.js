// Every text the web client shows, in English and Korean, and the locale-aware formatting of
// times. The language is chosen once from the browser's preferences: the first of
// navigator.languages that we have, English otherwise.
//
// Placeholders are {name}; substitution is one pass, so a nickname containing "{count}" is
// shown as written. Values are plain strings and only ever reach the page through textContent.

const en = {
  'app.name': 'Cola Chat',
  'app.skip': 'Skip to content',
  'app.tagline': 'Anonymous rooms that fizz out.',
  'app.lede': 'No sign-up, no real names. Open a room, share the link, talk. Everything is gone a day later.',
  'app.home': 'Cola Chat home',
  'app.footer': 'Rooms and their messages are deleted after they expire.',
  'app.loading': 'Loading…',
  'app.steps': 'How it works',
  'app.step1': 'Create a room',
  'app.step2': 'Share its link',
  'app.step3': 'It fizzes out after a day',

  'create.title': 'Create a room',
  'create.name': 'Room title',
  'create.namePlaceholder': 'Friday plans',
  'create.capacity': 'How many people',
  'create.custom': 'Custom',
  'create.customLabel': 'Custom capacity',
  'create.customHint': 'From 2 to {max}.',
  'create.protect': 'Require a password',
  'create.password': 'Password',
  'create.submit': 'Create room',
  'create.submitting': 'Creating…',
  'create.titleRequired': 'Give the room a title of 1 to 30 characters.',
  'create.capacityInvalid': 'Choose a capacity from 2 to {max}.',
  'create.passwordRequired': 'Enter a password of 1 to 64 characters.',

  'lobby.title': 'Open rooms',
  'lobby.refresh': 'Refresh the list',
  'lobby.empty': 'No open rooms right now. Create the first one.',
  'lobby.error': 'The list of rooms could not be loaded.',
  'lobby.retry': 'Try again',
  'lobby.people': '{present} of {capacity} here',
  'lobby.locked': 'Password protected',
  'lobby.full': 'Full',

  'time.left.hm': '{h}h {m}m left',
  'time.left.m': '{m}m left',
  'time.left.soon': 'Closing soon',

  'gate.title': 'Join the room',
  'gate.people': '{present} of {capacity} people here',
  'gate.nickname': 'You get a random nickname. You can change it inside.',
  'gate.password': 'Room password',
  'gate.enter': 'Enter room',
  'gate.entering': 'Entering…',
  'gate.home': 'Back to the lobby',

  'room.people': 'People in this room',
  'room.peopleCount': '{present} / {capacity}',
  'room.peopleButton': '{present} of {capacity} people here. Show the list.',
  'room.you': 'you',
  'room.menu': 'Room menu',
  'room.copyLink': 'Copy link',
  'room.rename': 'Change nickname',
  'room.leave': 'Leave room',
  'room.linkCopied': 'Link copied.',
  'room.copyFailed': 'Copy the link from the address bar.',
  'room.share.title': 'Your room is ready',
  'room.share.text': 'Share this link to invite people:',
  'room.share.label': 'Room link',
  'room.share.dismiss': 'Dismiss',
  'room.messages': 'Messages',
  'room.start': 'You see the messages from when you joined.',
  'room.loadingOlder': 'Loading earlier messages…',
  'room.connecting': 'Connecting…',
  'room.reconnecting': 'Connection lost. Reconnecting…',
  'room.offline': 'You are offline. Messages will catch up when you are back.',
  'room.online': 'Connected',
  'room.status.offline': 'Offline',
  'room.status.reconnecting': 'Reconnecting…',
  'room.newMessages': '{count} new — {nickname}: {text}',
  'room.newMessagesShort': '{count} new messages',
  'room.jump': 'Jump to the newest messages',
  'room.said': '{nickname}: {text}',
  'room.you.said': 'You',

  'composer.label': 'Message',
  'composer.placeholder': 'Write a message…',
  'composer.send': 'Send',
  'composer.hint': 'Enter sends · Shift+Enter adds a line',
  'composer.count': '{count} / {max}',
  'composer.tooLong': '{count} / {max} · too long',

  'typing.one': '{a} is typing…',
  'typing.two': '{a} and {b} are typing…',
  'typing.many': 'Several people are typing…',

  'alert.JOIN': '{nickname} joined.',
  'alert.LEAVE': '{nickname} left.',
  'alert.RENAME': '{previous} is now {nickname}.',
  'alert.JOIN.you': 'You joined.',
  'alert.LEAVE.you': 'You left.',
  'alert.RENAME.you': 'You are now {nickname}.',

  'rename.title': 'Change nickname',
  'rename.label': 'New nickname',
  'rename.hint': '1 to 20 characters, unique in this room.',
  'rename.save': 'Save',
  'rename.cancel': 'Cancel',
  'rename.invalid': 'Use 1 to 20 characters.',
  'rename.taken': 'That nickname is taken or not allowed here.',
  'rename.done': 'You are now {nickname}.',

  'error.WRONG_PASSWORD': 'The password is wrong.',
  'error.ROOM_FULL': 'The room is full. Try again when someone leaves.',
  'error.ROOM_EXPIRED': 'This room has expired.',
  'error.ROOM_NOT_FOUND': 'This room does not exist.',
  'error.RATE_LIMITED': 'You are sending too fast. Wait a moment.',
  'error.INVALID_INPUT': 'Something in the form is not valid.',
  'error.NETWORK': 'The server cannot be reached. Check your connection.',
  'error.generic': 'Something went wrong. Try again.',
  'error.sendFailed': 'The message was not sent. Try again.',

  'page.expired.title': 'This room has expired',
  'page.expired.text': 'Rooms close a day after they are created, and their messages are deleted. Start a new one.',
  'page.notFound.title': 'No such room',
  'page.notFound.text': 'The link may be mistyped, or the room was deleted after it expired.',
  'page.home': 'Go to the lobby',
  'page.newRoom': 'Create a room',
};

const ko = {
  'app.name': '콜라챗',
  'app.skip': '본문으로 건너뛰기',
  'app.tagline': '김빠지듯 사라지는 익명 채팅방.',
  'app.lede': '가입도 실명도 필요 없어요. 방을 만들고 링크를 공유해 대화하세요. 하루가 지나면 모두 사라집니다.',
  'app.home': '콜라챗 홈',
  'app.footer': '방과 메시지는 만료되면 삭제됩니다.',
  'app.loading': '불러오는 중…',
  'app.steps': '이용 방법',
  'app.step1': '방을 만들고',
  'app.step2': '링크를 공유하면',
  'app.step3': '하루 뒤 김빠지듯 사라져요',

  'create.title': '방 만들기',
  'create.name': '방 제목',
  'create.namePlaceholder': '금요일 약속',
  'create.capacity': '인원',
  'create.custom': '직접 입력',
  'create.customLabel': '인원 직접 입력',
  'create.customHint': '2명부터 {max}명까지.',
  'create.protect': '비밀번호 설정',
  'create.password': '비밀번호',
  'create.submit': '방 만들기',
  'create.submitting': '만드는 중…',
  'create.titleRequired': '방 제목을 1~30자로 입력하세요.',
  'create.capacityInvalid': '인원은 2명부터 {max}명까지 정할 수 있어요.',
  'create.passwordRequired': '비밀번호를 1~64자로 입력하세요.',

  'lobby.title': '열린 방',
  'lobby.refresh': '목록 새로고침',
  'lobby.empty': '지금은 열린 방이 없어요. 첫 방을 만들어 보세요.',
  'lobby.error': '방 목록을 불러오지 못했어요.',
  'lobby.retry': '다시 시도',
  'lobby.people': '{capacity}명 중 {present}명',
  'lobby.locked': '비밀번호 필요',
  'lobby.full': '만원',

  'time.left.hm': '{h}시간 {m}분 남음',
  'time.left.m': '{m}분 남음',
  'time.left.soon': '곧 닫힘',

  'gate.title': '방에 들어가기',
  'gate.people': '{capacity}명 중 {present}명 참여 중',
  'gate.nickname': '닉네임은 무작위로 정해지며, 들어가서 바꿀 수 있어요.',
  'gate.password': '방 비밀번호',
  'gate.enter': '입장하기',
  'gate.entering': '입장하는 중…',
  'gate.home': '방 목록으로',

  'room.people': '참여자',
  'room.peopleCount': '{present} / {capacity}',
  'room.peopleButton': '{capacity}명 중 {present}명 참여 중. 목록 보기.',
  'room.you': '나',
  'room.menu': '방 메뉴',
  'room.copyLink': '링크 복사',
  'room.rename': '닉네임 바꾸기',
  'room.leave': '방 나가기',
  'room.linkCopied': '링크를 복사했어요.',
  'room.copyFailed': '주소창에서 링크를 복사하세요.',
  'room.share.title': '방이 준비됐어요',
  'room.share.text': '이 링크를 공유해 사람들을 초대하세요:',
  'room.share.label': '방 링크',
  'room.share.dismiss': '닫기',
  'room.messages': '메시지',
  'room.start': '입장한 때부터의 메시지가 보여요.',
  'room.loadingOlder': '이전 메시지를 불러오는 중…',
  'room.connecting': '연결하는 중…',
  'room.reconnecting': '연결이 끊겼어요. 다시 연결하는 중…',
  'room.offline': '오프라인이에요. 다시 연결되면 메시지를 받아옵니다.',
  'room.online': '연결됨',
  'room.status.offline': '오프라인',
  'room.status.reconnecting': '다시 연결하는 중…',
  'room.newMessages': '새 메시지 {count}개 — {nickname}: {text}',
  'room.newMessagesShort': '새 메시지 {count}개',
  'room.jump': '최신 메시지로 이동',
  'room.said': '{nickname}: {text}',
  'room.you.said': '나',

  'composer.label': '메시지',
  'composer.placeholder': '메시지를 입력하세요…',
  'composer.send': '보내기',
  'composer.hint': 'Enter 보내기 · Shift+Enter 줄바꿈',
  'composer.count': '{count} / {max}',
  'composer.tooLong': '{count} / {max} · 너무 길어요',

  'typing.one': '{a}님이 입력 중…',
  'typing.two': '{a}님과 {b}님이 입력 중…',
  'typing.many': '여러 명이 입력 중…',

  'alert.JOIN': '{nickname}님이 입장했습니다.',
  'alert.LEAVE': '{nickname}님이 나갔습니다.',
  'alert.RENAME': '{previous}님의 닉네임이 {nickname}(으)로 바뀌었습니다.',
  'alert.JOIN.you': '입장했습니다.',
  'alert.LEAVE.you': '퇴장했습니다.',
  'alert.RENAME.you': '닉네임이 {nickname}(으)로 바뀌었습니다.',

  'rename.title': '닉네임 바꾸기',
  'rename.label': '새 닉네임',
  'rename.hint': '1~20자, 이 방에서 겹치지 않게.',
  'rename.save': '저장',
  'rename.cancel': '취소',
  'rename.invalid': '1~20자로 입력하세요.',
  'rename.taken': '이미 쓰이고 있거나 쓸 수 없는 닉네임이에요.',
  'rename.done': '닉네임이 {nickname}(으)로 바뀌었어요.',

  'error.WRONG_PASSWORD': '비밀번호가 틀렸어요.',
  'error.ROOM_FULL': '방이 꽉 찼어요. 누군가 나가면 다시 시도하세요.',
  'error.ROOM_EXPIRED': '만료된 방이에요.',
  'error.ROOM_NOT_FOUND': '존재하지 않는 방이에요.',
  'error.RATE_LIMITED': '너무 빨리 보내고 있어요. 잠시 기다려 주세요.',
  'error.INVALID_INPUT': '입력한 내용이 올바르지 않아요.',
  'error.NETWORK': '서버에 연결할 수 없어요. 인터넷 연결을 확인하세요.',
  'error.generic': '문제가 생겼어요. 다시 시도하세요.',
  'error.sendFailed': '메시지를 보내지 못했어요. 다시 시도하세요.',

  'page.expired.title': '만료된 방이에요',
  'page.expired.text': '방은 만들어진 지 하루가 지나면 닫히고 메시지는 삭제돼요. 새 방을 만들어 보세요.',
  'page.notFound.title': '없는 방이에요',
  'page.notFound.text': '링크가 잘못되었거나, 만료된 뒤 삭제된 방일 수 있어요.',
  'page.home': '방 목록으로',
  'page.newRoom': '방 만들기',
};

const dictionaries = { en, ko };

/** The first preferred language we have a dictionary for; English otherwise. */
export function pickLanguage(preferred) {
  for (const tag of preferred ?? []) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (base in dictionaries) return base;
  }
  return 'en';
}

export const lang = pickLanguage(
  typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language]);

/** The text for `key` in the page's language, with `{name}` placeholders filled in one pass. */
export function t(key, params = {}) {
  const text = dictionaries[lang][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

const clock = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' });
const day = new Intl.DateTimeFormat(lang, { weekday: 'long', month: 'long', day: 'numeric' });
const full = new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short' });

/** 10:04 PM / 오후 10:04, in the reader's time zone. */
export const formatTime = (iso) => clock.format(new Date(iso));
/** Tuesday, November 24 / 11월 24일 화요일. */
export const formatDay = (iso) => day.format(new Date(iso));
/** The long form, for a tooltip. */
export const formatFull = (iso) => full.format(new Date(iso));
/** A key that is equal for two instants on the same local calendar day. */
export const dayKey = (iso) => new Date(iso).toDateString();

/** How long until `expiresAt`, coarse: "5h 12m left", "12m left", "Closing soon". */
export function timeLeft(expiresAt, now = Date.now()) {
  const minutes = Math.floor((Date.parse(expiresAt) - now) / 60000);
  if (minutes < 1) return t('time.left.soon');
  if (minutes < 60) return t('time.left.m', { m: minutes });
  return t('time.left.hm', { h: Math.floor(minutes / 60), m: minutes % 60 });
}
