package io.colachat.engine.parser;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A generator that turns every binary value into a Socket.IO attachment: the bytes are set
 * aside and {@code {"_placeholder":true,"num":K}} is written in their place.
 *
 * <p>This is what lets the encoder serialise POJOs in one pass without first building a
 * tree to search for binary data: every Jackson path to a binary value ({@code byte[]},
 * {@code BinaryNode}, {@code ByteBuffer}, replayed {@code TokenBuffer}s) ends in
 * {@code writeBinary} or {@code writeEmbeddedObject}, which are intercepted here.
 *
 * <p>A {@code byte[]} covering a whole array is kept, not copied, exactly as the reference
 * implementation keeps a Node {@code Buffer}: the caller must not modify it after emitting.
 */
final class AttachmentCollectingGenerator extends JsonGeneratorDelegate {

    private List<byte[]> attachments;

    AttachmentCollectingGenerator(JsonGenerator delegate) {
        // false: writeObject/writeTree must come back through this generator, not go straight
        // to the wrapped one, or binary values inside them would be written as base64.
        super(delegate, false);
    }

    /** The attachments collected so far, in placeholder order; never null. */
    List<byte[]> attachments() {
        return attachments == null ? List.of() : attachments;
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int len) throws IOException {
        boolean whole = offset == 0 && len == data.length;
        addAttachment(whole ? data : Arrays.copyOfRange(data, offset, offset + len));
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int dataLength) throws IOException {
        byte[] bytes = dataLength < 0 ? data.readAllBytes() : readExactly(data, dataLength);
        addAttachment(bytes);
        return bytes.length;
    }

    // JsonGenerator's convenience overloads already funnel into the two methods above; these
    // are overridden too so that a future JsonGeneratorDelegate forwarding them directly
    // cannot silently turn attachments into base64 strings.
    @Override
    public void writeBinary(byte[] data, int offset, int len) throws IOException {
        writeBinary(null, data, offset, len);
    }

    @Override
    public void writeBinary(byte[] data) throws IOException {
        writeBinary(null, data, 0, data.length);
    }

    @Override
    public int writeBinary(InputStream data, int dataLength) throws IOException {
        return writeBinary(null, data, dataLength);
    }

    @Override
    public void writeEmbeddedObject(Object object) throws IOException {
        if (object instanceof byte[] bytes) {
            writeBinary(null, bytes, 0, bytes.length);
        } else {
            super.writeEmbeddedObject(object);
        }
    }

    private void addAttachment(byte[] bytes) throws IOException {
        if (attachments == null) {
            attachments = new ArrayList<>(2);
        }
        int num = attachments.size();
        attachments.add(bytes);
        JsonGenerator out = delegate();
        out.writeStartObject();
        out.writeFieldName("_placeholder");
        out.writeBoolean(true);
        out.writeFieldName("num");
        out.writeNumber(num);
        out.writeEndObject();
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("binary value ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }
}
