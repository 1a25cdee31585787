-- Cola Chat schema, version 1.
--
-- One file for H2 (embedded default) and PostgreSQL: only standard types and syntax,
-- no dialect extensions. Timestamps are written truncated to milliseconds, in UTC.
-- Lengths are generous upper bounds in characters: the contract counts code points
-- (a 1000 code point message may take 2000 UTF-16 units), validation happens above.

CREATE TABLE rooms (
    id              UUID                     NOT NULL,
    title           VARCHAR(200)             NOT NULL,
    namespace       VARCHAR(64)              NOT NULL,
    capacity        INTEGER                  NOT NULL,
    password_hash   VARCHAR(255),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The per-room message id sequence: the last id handed out. Incrementing it takes
    -- the room row's lock, which serialises the writers of one room across processes.
    last_message_id BIGINT                   DEFAULT 0 NOT NULL,
    CONSTRAINT rooms_pk PRIMARY KEY (id),
    CONSTRAINT rooms_capacity_positive CHECK (capacity > 0),
    CONSTRAINT rooms_last_message_id_non_negative CHECK (last_message_id >= 0)
);

-- GET /chat/rooms: open rooms, newest first.
CREATE INDEX rooms_created_at_idx ON rooms (created_at DESC);
-- Expiry timers at start-up and the purge of expired rooms.
CREATE INDEX rooms_expires_at_idx ON rooms (expires_at);

CREATE TABLE chatters (
    id                    UUID                     NOT NULL,
    room_id               UUID                     NOT NULL,
    nickname              VARCHAR(100)             NOT NULL,
    -- Hex SHA-256 of the chatter's token; the token itself is never stored.
    token_hash            VARCHAR(64)              NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Flipped only together with storing a JOIN (to TRUE) or LEAVE (to FALSE) alert,
    -- which makes JOIN, LEAVE, JOIN alternation a database invariant.
    present               BOOLEAN                  DEFAULT FALSE NOT NULL,
    -- Set by an explicit leave: the token stops working.
    revoked               BOOLEAN                  DEFAULT FALSE NOT NULL,
    -- Id of the chatter's first JOIN alert: the history it may read starts there.
    first_join_message_id BIGINT,
    CONSTRAINT chatters_pk PRIMARY KEY (id),
    CONSTRAINT chatters_room_fk FOREIGN KEY (room_id) REFERENCES rooms (id)
);

-- Presence per room (online counts, lists, nickname collisions).
CREATE INDEX chatters_room_present_idx ON chatters (room_id, present);
-- Bearer-token endpoints that name no chatter find it by the token's hash.
CREATE INDEX chatters_token_hash_idx ON chatters (token_hash);
-- Restart recovery: every present chatter of every room.
CREATE INDEX chatters_present_idx ON chatters (present);

CREATE TABLE messages (
    room_id                 UUID                     NOT NULL,
    id                      BIGINT                   NOT NULL,
    type                    VARCHAR(16)              NOT NULL,
    content                 VARCHAR(4000)            NOT NULL,
    sent_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    -- No foreign key to chatters: a message keeps the nickname it was sent under and
    -- needs nothing else from its author; skipping the check keeps appends cheap.
    chatter_id              UUID,
    chatter_nickname        VARCHAR(100),
    alert_kind              VARCHAR(16),
    alert_nickname          VARCHAR(100),
    alert_previous_nickname VARCHAR(100),
    -- Every read is "one room, an id range": the primary key is the index.
    CONSTRAINT messages_pk PRIMARY KEY (room_id, id),
    CONSTRAINT messages_room_fk FOREIGN KEY (room_id) REFERENCES rooms (id),
    CONSTRAINT messages_type_known CHECK (type IN ('MESSAGE', 'ALERT')),
    CONSTRAINT messages_alert_kind_known CHECK (alert_kind IN ('JOIN', 'LEAVE', 'RENAME')),
    CONSTRAINT messages_alert_kind_only_on_alerts CHECK (type = 'ALERT' OR alert_kind IS NULL)
);
