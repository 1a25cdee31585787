package io.colachat.engine.parser;

/**
 * The part of a packet string before its JSON data:
 * {@code <type>[<attachments>-][<namespace>,][<ack id>]}.
 *
 * <p>Read by a bounded left-to-right scan: every field has a maximum length, so a hostile
 * header costs at most a few hundred character reads however long the packet is, and no
 * number is parsed past the digits it may have (no overflow, no {@code NumberFormatException}).
 *
 * @param attachments the announced attachment count; 0 for non-binary types
 * @param id          the ack id, or -1
 * @param dataStart   index in the packet string where the JSON data begins (may be its length)
 */
record PacketHeader(PacketType type, int attachments, String namespace, long id, int dataStart) {

    /** Longest namespace accepted, in chars; real ones are short paths such as {@code /admin}. */
    static final int MAX_NAMESPACE_LENGTH = 256;

    /** 15 digits stay below 2^53, the largest integer a JavaScript peer holds exactly. */
    static final int MAX_ID_DIGITS = 15;

    // Any count above maxAttachments is refused anyway; this only stops the scan early.
    private static final int MAX_ATTACHMENT_DIGITS = 9;

    /**
     * Reads the header of {@code text}.
     *
     * <pre>{@code PacketHeader.read("51-/admin,7[...]", 10); // BINARY_EVENT, 1, "/admin", 7, 11}</pre>
     *
     * @throws ParseException when the header is malformed or announces more than
     *                        {@code maxAttachments} attachments
     */
    static PacketHeader read(String text, int maxAttachments) {
        if (text.isEmpty()) {
            throw new ParseException("empty packet");
        }
        char typeChar = text.charAt(0);
        if (typeChar < '0' || typeChar > '6') {
            throw new ParseException("unknown packet type at index 0");
        }
        PacketType type = PacketType.fromCode(typeChar - '0');
        int pos = 1;

        int attachments = 0;
        if (type.isBinary()) {
            int start = pos;
            long count = 0;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                if (pos - start == MAX_ATTACHMENT_DIGITS) {
                    throw new ParseException("attachment count too long at index " + start);
                }
                count = count * 10 + (text.charAt(pos) - '0');
                pos++;
            }
            if (pos == start || pos == text.length() || text.charAt(pos) != '-') {
                throw new ParseException("binary packet without '<count>-' at index " + start);
            }
            if (count < 1) {
                throw new ParseException("attachment count must be at least 1");
            }
            if (count > maxAttachments) {
                throw new ParseException("too many attachments: " + count + " > " + maxAttachments);
            }
            attachments = (int) count;
            pos++;
        }

        String namespace = Packet.DEFAULT_NAMESPACE;
        if (pos < text.length() && text.charAt(pos) == '/') {
            int start = pos;
            int limit = Math.min(text.length(), start + MAX_NAMESPACE_LENGTH + 1);
            while (pos < limit && text.charAt(pos) != ',') {
                pos++;
            }
            if (pos - start > MAX_NAMESPACE_LENGTH) {
                throw new ParseException("namespace longer than " + MAX_NAMESPACE_LENGTH + " chars at index " + start);
            }
            namespace = text.substring(start, pos);
            if (pos < text.length()) {
                pos++; // the ',' that ends the namespace
            }
        }

        long id = Packet.NO_ID;
        if (pos < text.length() && isDigit(text.charAt(pos))) {
            int start = pos;
            id = 0;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                if (pos - start == MAX_ID_DIGITS) {
                    throw new ParseException("ack id longer than " + MAX_ID_DIGITS + " digits at index " + start);
                }
                id = id * 10 + (text.charAt(pos) - '0');
                pos++;
            }
        }
        return new PacketHeader(type, attachments, namespace, id, pos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
