/**
 * Socket.IO v5 packets: {@link io.colachat.engine.parser.Packet}, the
 * {@link io.colachat.engine.parser.PacketEncoder} and the per-connection
 * {@link io.colachat.engine.parser.PacketDecoder}.
 *
 * <p>A packet is written {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON data>]}
 * and travels as one Engine.IO message (prefix {@code 4}); binary packets are followed by one
 * binary message per attachment. Examples, as Socket.IO packets (add {@code 4} for the
 * Engine.IO message):
 *
 * <pre>
 * 0/admin,{"token":"123"}                     CONNECT to /admin with auth
 * 1/admin,                                    DISCONNECT from /admin
 * 2["hello",1]                                EVENT on /
 * 2/admin,456["project:delete",123]           EVENT on /admin expecting ack 456
 * 3/admin,456[]                               ACK 456
 * 4{"message":"Not authorized"}               CONNECT_ERROR
 * 51-["hello",{"_placeholder":true,"num":0}]  BINARY_EVENT, then 1 binary message
 * </pre>
 *
 * <p>This package depends on Jackson and the Engine.IO message type only: it knows nothing of
 * sockets, namespaces as objects, or the transport.
 */
package io.colachat.engine.parser;
