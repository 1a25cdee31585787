package io.colachat.engine.parser;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import io.colachat.engine.eio.EioMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes Socket.IO v5 packets into Engine.IO messages, ready to be written to any number of
 * sockets.
 *
 * <p>Wire format: {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON data>]}, with the
 * namespace left out when it is {@code "/"}. Arguments are serialised by Jackson straight to
 * UTF-8 in a single pass, behind the Engine.IO {@code 4} prefix, so a text packet costs one
 * buffer and one copy. Binary values anywhere inside the arguments ({@code byte[]},
 * {@code BinaryNode}, {@code ByteBuffer}) become attachments: the JSON gets
 * {@code {"_placeholder":true,"num":K}} and each attachment follows as a binary message.
 * Jackson's own {@code ByteBufferSerializer} already writes through {@code writeBinary}, so
 * the caller's mapper needs no extra module and is used as given.
 *
 * <p>Thread-safe: it holds only the mapper, which is thread-safe once configured.
 *
 * <pre>{@code
 * PacketEncoder encoder = new PacketEncoder(new ObjectMapper());
 * encoder.encodeEvent("/", "hello", new Object[] {1}, -1);          // [42["hello",1]]
 * encoder.encodeEvent("/", "file", new Object[] {bytes}, -1);       // [451-["file",{"_placeholder":true,"num":0}], <bytes>]
 * }</pre>
 */
public final class PacketEncoder {

    /** Writes a packet's JSON data; a binary value written here becomes an attachment. */
    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator gen, SerializerProvider serializers) throws IOException;
    }

    private static final Object[] NO_ARGS = new Object[0];

    private final ObjectMapper mapper;

    /**
     * Creates an encoder; one can serve the whole server.
     *
     * <pre>{@code PacketEncoder encoder = new PacketEncoder(mapper);}</pre>
     *
     * @param mapper a JSON mapper, configured before it is passed here; must not be null
     */
    public PacketEncoder(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Encodes an EVENT, or a BINARY_EVENT when any argument contains binary data.
     *
     * <pre>{@code
     * encodeEvent("/admin", "project:delete", new Object[] {123}, 456);
     * // one text message: 42/admin,456["project:delete",123]
     * }</pre>
     *
     * @param namespace the namespace, {@code null} meaning {@code "/"}
     * @param event     the event name, written as an escaped JSON string; must not be null
     * @param args      any Jackson-serialisable values (null counts as no arguments);
     *                  {@code byte[]}, {@code BinaryNode} and {@code ByteBuffer} become attachments
     * @param ackId     the ack id, or -1 when no acknowledgement is wanted
     * @return one text message, then one binary message per attachment
     * @throws IllegalArgumentException when the namespace or id is invalid or an argument
     *                                  cannot be serialised
     */
    public List<EioMessage> encodeEvent(String namespace, String event, Object[] args, long ackId) {
        Objects.requireNonNull(event, "event");
        Object[] values = args == null ? NO_ARGS : args;
        return encode(PacketType.EVENT, namespace, ackId, (gen, serializers) -> {
            gen.writeStartArray();
            gen.writeString(event);
            for (Object value : values) {
                serializers.defaultSerializeValue(value, gen);
            }
            gen.writeEndArray();
        });
    }

    /**
     * Encodes an ACK, or a BINARY_ACK when any argument contains binary data.
     *
     * <pre>{@code encodeAck("/admin", 456, new Object[0]); // 43/admin,456[]}</pre>
     *
     * @param ackId the id of the event being answered; must be >= 0
     * @param args  as for {@link #encodeEvent}; null counts as no arguments
     */
    public List<EioMessage> encodeAck(String namespace, long ackId, Object[] args) {
        if (ackId < 0) {
            throw new IllegalArgumentException("an ack needs an ack id, was " + ackId);
        }
        Object[] values = args == null ? NO_ARGS : args;
        return encode(PacketType.ACK, namespace, ackId, (gen, serializers) -> {
            gen.writeStartArray();
            for (Object value : values) {
                serializers.defaultSerializeValue(value, gen);
            }
            gen.writeEndArray();
        });
    }

    /**
     * Encodes the server's CONNECT answer.
     *
     * <pre>{@code encodeConnect("/admin", Map.of("sid", "oSO0OpakMV_3jnilAAAA")); // 40/admin,{"sid":"oSO0OpakMV_3jnilAAAA"}}</pre>
     *
     * @param data usually a Map with {@code sid}; null writes no data
     */
    public EioMessage encodeConnect(String namespace, Object data) {
        return single(PacketType.CONNECT, namespace, data);
    }

    /**
     * Encodes a CONNECT_ERROR.
     *
     * <pre>{@code encodeConnectError("/", Map.of("message", "Not authorized")); // 44{"message":"Not authorized"}}</pre>
     *
     * @param data usually a Map with {@code message} and optionally {@code data}
     */
    public EioMessage encodeConnectError(String namespace, Object data) {
        return single(PacketType.CONNECT_ERROR, namespace, data);
    }

    /**
     * Encodes a DISCONNECT.
     *
     * <pre>{@code encodeDisconnect("/admin"); // 41/admin,}</pre>
     */
    public EioMessage encodeDisconnect(String namespace) {
        return single(PacketType.DISCONNECT, namespace, null);
    }

    /**
     * Encodes any packet built from JSON nodes. EVENT and ACK packets whose data holds
     * {@code BinaryNode}s become BINARY_EVENT/BINARY_ACK; a BINARY_* packet without binary
     * data is sent as the plain type, since zero attachments cannot be announced.
     *
     * <pre>{@code encode(Packet.event("/", "hello", -1, IntNode.valueOf(1))); // [42["hello",1]]}</pre>
     *
     * @throws IllegalArgumentException when binary data appears in a packet type that cannot
     *                                  carry attachments
     */
    public List<EioMessage> encode(Packet packet) {
        PacketType type = packet.type();
        if (type.isEvent() || type.isAck()) {
            PacketType plain = type.isEvent() ? PacketType.EVENT : PacketType.ACK;
            Body body = packet.data() == null ? null
                    : (gen, serializers) -> serializers.defaultSerializeValue(packet.data(), gen);
            return encode(plain, packet.namespace(), packet.id(), body);
        }
        if (packet.hasAckId()) {
            throw new IllegalArgumentException(type + " packets carry no ack id");
        }
        return List.of(single(type, packet.namespace(), packet.data()));
    }

    private EioMessage single(PacketType type, String namespace, Object data) {
        Body body = data == null ? null : (gen, serializers) -> serializers.defaultSerializeValue(data, gen);
        List<EioMessage> messages = encode(type, namespace, Packet.NO_ID, body);
        if (messages.size() != 1) {
            throw new IllegalArgumentException(type + " packets cannot carry binary data");
        }
        return messages.get(0);
    }

    /**
     * Writes {@code 4<type><namespace,><id><body>} in one buffer. The attachment count is only
     * known once the body is written, so the header is first written for the plain type and
     * rewritten with {@code N-} in the (rarer) binary case.
     */
    private List<EioMessage> encode(PacketType plainType, String namespace, long id, Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder();
        out.write('4');
        out.write('0' + plainType.code());
        writeNamespace(out, namespace);
        if (id >= 0) {
            writeAscii(out, Long.toString(id));
        } else if (id != Packet.NO_ID) {
            throw new IllegalArgumentException("ack id must be -1 (none) or >= 0, was " + id);
        }
        List<byte[]> attachments = body == null ? List.of() : writeBody(out, body);
        byte[] framed = out.toByteArray();
        if (attachments.isEmpty()) {
            return List.of(EioMessage.textFramed(framed));
        }
        PacketType binaryType = plainType == PacketType.EVENT ? PacketType.BINARY_EVENT : PacketType.BINARY_ACK;
        List<EioMessage> messages = new ArrayList<>(attachments.size() + 1);
        messages.add(EioMessage.textFramed(withAttachmentCount(framed, binaryType, attachments.size())));
        for (byte[] attachment : attachments) {
            messages.add(EioMessage.binary(attachment));
        }
        return messages;
    }

    private List<byte[]> writeBody(ByteArrayBuilder out, Body body) {
        try (AttachmentCollectingGenerator gen =
                     new AttachmentCollectingGenerator(mapper.getFactory().createGenerator(out, JsonEncoding.UTF8))) {
            body.write(gen, mapper.getSerializerProviderInstance());
            return gen.attachments();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise packet data: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // The target is an in-memory buffer; only a serialiser of the caller's can get here.
            throw new UncheckedIOException("cannot serialise packet data", e);
        }
    }

    private static void writeNamespace(ByteArrayBuilder out, String namespace) {
        if (namespace == null || namespace.equals(Packet.DEFAULT_NAMESPACE)) {
            return;
        }
        if (namespace.isEmpty() || namespace.charAt(0) != '/') {
            throw new IllegalArgumentException("a namespace starts with '/'");
        }
        // A comma ends the namespace on the wire: one inside it could not be decoded back.
        if (namespace.indexOf(',') >= 0) {
            throw new IllegalArgumentException("a namespace must not contain ','");
        }
        byte[] utf8 = namespace.getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
        out.write(',');
    }

    private static void writeAscii(ByteArrayBuilder out, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            out.write(ascii.charAt(i));
        }
    }

    /** {@code 42...} becomes {@code 45N-...}: the body after the type digit is unchanged. */
    private static byte[] withAttachmentCount(byte[] framed, PacketType binaryType, int count) {
        byte[] digits = Integer.toString(count).getBytes(StandardCharsets.US_ASCII);
        byte[] result = new byte[framed.length + digits.length + 1];
        result[0] = '4';
        result[1] = (byte) ('0' + binaryType.code());
        System.arraycopy(digits, 0, result, 2, digits.length);
        result[2 + digits.length] = '-';
        System.arraycopy(framed, 2, result, 3 + digits.length, framed.length - 2);
        return result;
    }
}
