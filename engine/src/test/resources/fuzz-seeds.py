#!/usr/bin/env python3
"""Writes the hand-made seed inputs of the fuzz tests that use a framing of their own.

Run from this directory after changing a seed: python3 fuzz-seeds.py
Seeds found by fuzzing (crash-*, timeout-*) are written by Jazzer next to these and are kept as
they are: they are regression tests.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(directory, name, data):
    path = os.path.join(HERE, directory)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, name), "wb") as f:
        f.write(data)


# PacketDecoderFuzzTest: maxAttachments byte, then (kind, u16 length, bytes) per message;
# an odd kind is a binary attachment, an even one a text packet.
def messages(max_attachments, *parts):
    out = bytes([max_attachments - 1])
    for p in parts:
        if isinstance(p, str):
            b = p.encode("utf-8")
            out += bytes([0]) + len(b).to_bytes(2, "big") + b
        else:
            out += bytes([1]) + len(p).to_bytes(2, "big") + p
    return out


DECODER = "io/colachat/engine/parser/PacketDecoderFuzzTestInputs/decodesAnySequenceOfTextAndAttachments"
PLACEHOLDER = '{"_placeholder":true,"num":%s}'
write(DECODER, "connect", messages(10, "0", "0/admin,", '0/admin,{"token":"123"}'))
write(DECODER, "event-with-ack", messages(10, '2/admin,456["project:delete",123]', '2["a",{"b":[1,2.5,true,null]}]'))
write(DECODER, "ack", messages(10, "3/admin,456[]", '37["ok"]'))
write(DECODER, "connect-error", messages(10, '4{"message":"Not authorized"}', '4"legacy"'))
write(DECODER, "disconnect", messages(10, "1/admin,", "1"))
write(DECODER, "binary-event", messages(10, '51-["hello",' + PLACEHOLDER % 0 + "]", b"\x01\x02\x03"))
write(DECODER, "binary-ack", messages(10, '62-/admin,9[' + PLACEHOLDER % 1 + ',{"x":' + PLACEHOLDER % 0 + "}]",
                                      b"\x00", b"\xff"))
write(DECODER, "placeholder-splice", messages(10, '51-["upload",' + PLACEHOLDER % '"splice"' + "]", b"x"))
write(DECODER, "too-many-attachments", messages(10, '599999999-["upload",' + PLACEHOLDER % 0 + "]"))
write(DECODER, "eleven-attachments", messages(10, '511-["upload",' + PLACEHOLDER % 0 + "]"))
write(DECODER, "event-name-not-a-string", messages(10, '2[{"toString":"foo"}]', "2[]", '2"foo"'))
write(DECODER, "text-while-waiting", messages(10, '52-["a",' + PLACEHOLDER % 0 + "," + PLACEHOLDER % 1 + "]",
                                              b"a", '2["b"]'))
write(DECODER, "attachment-without-packet", messages(10, b"\x00\x01"))
write(DECODER, "deep-nesting", messages(10, "2[\"d\"," + "[" * 70 + "]" * 70 + "]"))
write(DECODER, "long-ack-id", messages(10, "2" + "9" * 20 + '["e"]'))
write(DECODER, "reserved-names", messages(10, '2["disconnect"]', '2["__proto__",1]', '2["newListener"]'))
write(DECODER, "numbers", messages(10, '2["n",1e400,-0.0,12345678901234567890123,1.5e-9]'))
write(DECODER, "surrogates", messages(10, '2["s","\\ud800","\\udc00x","\\ud83d\\ude00"]'))


# EnginePipelineFuzzTest: reads separated by the cut mark; $SID stands for the last session id.
CUT = b"\n-8<-\n"


def reads(*parts):
    return CUT.join(p.encode("latin-1") if isinstance(p, str) else p for p in parts)


def frame(opcode, payload, fin=True):
    """A client frame masked with the zero key, so its payload stays readable."""
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    head = bytes([(0x80 if fin else 0) | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + n.to_bytes(2, "big")
    else:
        head += bytes([0x80 | 127]) + n.to_bytes(8, "big")
    return head + b"\0\0\0\0" + payload


def get(query, headers=""):
    return "GET /socket.io/?" + query + " HTTP/1.1\r\nHost: 127.0.0.1:3000\r\n" + headers + "\r\n"


def post(query, body, headers=""):
    return ("POST /socket.io/?" + query + " HTTP/1.1\r\nHost: 127.0.0.1:3000\r\nContent-Length: "
            + str(len(body.encode("utf-8"))) + "\r\n" + headers + "\r\n" + body)


UPGRADE = ("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
           "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n")
POLL = "EIO=4&transport=polling&sid=$SID"
PIPELINE = "io/colachat/engine/netty/EnginePipelineFuzzTestInputs/answersAnyBytesWithAResponseOrAClose"
write(PIPELINE, "polling-session", reads(get("EIO=4&transport=polling"), post(POLL, "40"), get(POLL),
                                        post(POLL, '42["e",1]\x1e42["f",{"a":[true,null]}]'), get(POLL),
                                        post(POLL, "1")))
write(PIPELINE, "polling-binary", reads(get("EIO=4&transport=polling"), post(POLL, "40"),
                                       post(POLL, '451-["b",{"_placeholder":true,"num":0}]\x1ebAQID'), get(POLL)))
write(PIPELINE, "websocket-session", reads(get("EIO=4&transport=websocket", UPGRADE), frame(1, "40"),
                                          frame(1, '42["e",{"a":1}]'), frame(1, '421["acked"]'), frame(9, "hi"),
                                          frame(1, "3"), frame(8, b"\x03\xe8")))
write(PIPELINE, "websocket-binary", reads(get("EIO=4&transport=websocket", UPGRADE), frame(1, "40"),
                                         frame(1, '451-["b",{"_placeholder":true,"num":0}]'), frame(2, b"\x01\x02")))
write(PIPELINE, "websocket-fragments", reads(get("EIO=4&transport=websocket", UPGRADE),
                                            frame(1, "4", fin=False) + frame(0, "0", fin=False) + frame(9, "")
                                            + frame(0, "", fin=True)))
write(PIPELINE, "websocket-upgrade-probe", reads(get("EIO=4&transport=polling"), post(POLL, "40"),
                                                get(POLL + "&transport=websocket", UPGRADE).replace(
                                                    "transport=polling&", ""),
                                                frame(1, "2probe"), get(POLL), frame(1, "5"), frame(1, '42["u"]')))
write(PIPELINE, "upgrade-with-body", reads(get("EIO=4&transport=websocket", UPGRADE + "Content-Length: 3\r\n") + "abc"))
write(PIPELINE, "garbage-after-handshake", reads(get("EIO=4&transport=websocket", UPGRADE) + "GARBAGE\r\n\r\nx"))
write(PIPELINE, "upgrade-old-version", reads(get("EIO=4&transport=websocket", UPGRADE.replace("13", "8"))))
write(PIPELINE, "post-announcing-megabytes", reads(get("EIO=4&transport=polling"),
                                                  "POST /socket.io/?" + POLL + " HTTP/1.1\r\nHost: x\r\n"
                                                  "Content-Length: 8000000\r\n\r\n40"))
write(PIPELINE, "post-over-max-payload", reads(get("EIO=4&transport=polling"),
                                              "POST /socket.io/?" + POLL + " HTTP/1.1\r\nHost: x\r\n"
                                              "Content-Length: 9000000\r\n\r\n40"))
write(PIPELINE, "chunked-post", reads(get("EIO=4&transport=polling"),
                                     "POST /socket.io/?" + POLL + " HTTP/1.1\r\nHost: x\r\n"
                                     "Transfer-Encoding: chunked\r\n\r\n2\r\n40\r\n0\r\n\r\n"))
write(PIPELINE, "expect-continue", reads(get("EIO=4&transport=polling"),
                                        post(POLL, "40", "Expect: 100-continue\r\n")))
write(PIPELINE, "preflight", reads("OPTIONS /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n"
                                   "Origin: https://evil.example\r\nAccess-Control-Request-Method: POST\r\n\r\n"))
write(PIPELINE, "outside-engine", reads("GET /api/rooms HTTP/1.1\r\nHost: x\r\n\r\n"
                                        "POST /api/rooms HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"))
write(PIPELINE, "pipelined", reads(get("EIO=4&transport=polling") + get("EIO=4&transport=polling")
                                   + get("EIO=3&transport=polling")))
write(PIPELINE, "bad-escape", reads(get("EIO=4&transport=%zz")))
write(PIPELINE, "unknown-transport", reads(get("EIO=4&transport=__proto__") + get("EIO=4&transport=constructor")))
write(PIPELINE, "long-header", reads(get("EIO=4&transport=polling", "X-Big: " + "a" * 9000 + "\r\n")))
write(PIPELINE, "malformed-head", reads("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost x\r\n: y\r\n\r\n"))
write(PIPELINE, "hostile-packets", reads(get("EIO=4&transport=websocket", UPGRADE), frame(1, "40"),
                                        frame(1, '42[{"toString":"foo"}]')))
write(PIPELINE, "reserved-events", reads(get("EIO=4&transport=websocket", UPGRADE), frame(1, "40"),
                                        frame(1, '42["disconnect"]'), frame(1, '42["error",1]'),
                                        frame(1, "40/nope,")))
