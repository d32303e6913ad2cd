package io.virtforge.xml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a document into characters, strictly: a byte sequence that is not valid in the
 * document's encoding is an error with its line and column, never a replacement character.
 *
 * <p>Supported: UTF-8 (the default, with or without a byte order mark), UTF-16 with a byte order mark,
 * and US-ASCII and ISO-8859-1 when the XML declaration names them. Only the XML declaration at the very
 * start names the encoding (a later processing instruction's {@code encoding} means nothing), and it
 * must agree with a byte order mark. Anything else is refused rather than guessed.
 */
final class XmlDecoder {
    private XmlDecoder() {
    }

    /** The decoded characters {@code chars[0, length)}, without the byte order mark. */
    record Decoded(char[] chars, int length) {
    }

    static Decoded decode(byte[] b, int len) {
        if (len >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return utf16(b, len, StandardCharsets.UTF_16BE);
        }
        if (len >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            if (len >= 4 && b[2] == 0 && b[3] == 0) {
                throw new MalformedXmlException("UTF-32 is not supported (UTF-8 or UTF-16)", 1, 1);
            }
            return utf16(b, len, StandardCharsets.UTF_16LE);
        }
        if (len >= 4 && ((b[0] == 0 && b[1] == '<') || (b[0] == '<' && b[1] == 0))) {
            throw new MalformedXmlException("a UTF-16 document must start with a byte order mark", 1, 1);
        }
        boolean bom = len >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
        int start = bom ? 3 : 0;
        String declared = declaredEncoding(b, start, len);
        Charset charset = declared == null ? StandardCharsets.UTF_8 : switch (declared) {
            case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
            case "US-ASCII", "ASCII" -> StandardCharsets.US_ASCII;
            case "ISO-8859-1", "ISO8859-1", "ISO_8859-1", "LATIN1" -> StandardCharsets.ISO_8859_1;
            case "UTF-16", "UTF-16LE", "UTF-16BE" ->
                throw new MalformedXmlException("the declaration says " + declared + " but there is no UTF-16 byte order mark", 1, 1);
            default -> throw new MalformedXmlException("unsupported encoding '" + declared
                    + "' (supported: UTF-8, UTF-16 with a byte order mark, US-ASCII, ISO-8859-1)", 1, 1);
        };
        if (bom && charset != StandardCharsets.UTF_8) {
            throw new MalformedXmlException("the byte order mark says UTF-8 but the declaration says " + declared, 1, 1);
        }
        return strict(b, start, len, charset);
    }

    private static Decoded utf16(byte[] b, int len, Charset charset) {
        Decoded d = strict(b, 2, len, charset);
        if (XmlDeclaration.startsAt(d.chars, 0, d.length)) {
            String declared = XmlDeclaration.read(d.chars, 0, d.length, (reason, offset) -> at(d.chars, offset, reason))
                    .encodingKey();
            if (declared != null && !declared.startsWith("UTF-16")) {
                throw new MalformedXmlException("the byte order mark says UTF-16 but the declaration says " + declared, 1, 1);
            }
        }
        return d;
    }

    /**
     * The encoding the XML declaration names, upper case; null without one. The declaration is ASCII in
     * every ASCII-compatible encoding and ends at the first '>', so only that head is looked at.
     */
    private static String declaredEncoding(byte[] b, int start, int len) {
        int end = start;
        while (end < len && b[end] != '>') {
            end++;
        }
        char[] head = new char[Math.min(end + 1, len) - start];
        for (int i = 0; i < head.length; i++) {
            head[i] = (char) (b[start + i] & 0xFF);
        }
        if (!XmlDeclaration.startsAt(head, 0, head.length)) {
            return null;
        }
        return XmlDeclaration.read(head, 0, head.length, (reason, offset) -> at(head, offset, reason)).encodingKey();
    }

    private static Decoded strict(byte[] b, int from, int len, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, from, len - from);
        CharBuffer out = CharBuffer.allocate(charset == StandardCharsets.UTF_16BE || charset == StandardCharsets.UTF_16LE
                ? (len - from) / 2 + 1 : len - from + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int bad = in.position();
            StringBuilder bytes = new StringBuilder();
            for (int i = bad; i < Math.min(bad + r.length(), len); i++) {
                bytes.append(String.format(" %02X", b[i] & 0xFF));
            }
            throw at(out.array(), out.position(), "not " + charset.name() + " (byte" + (r.length() > 1 ? "s" : "")
                    + bytes + " at offset " + bad + ")");
        }
        return new Decoded(out.array(), out.position());
    }

    /** The error at character {@code offset} of {@code chars}, its line and column counted as the parser does. */
    private static MalformedXmlException at(char[] chars, int offset, String reason) {
        int line = 1;
        int lineStart = 0;
        for (int p = 0; p < offset && p < chars.length; p++) {
            char c = chars[p];
            if (c == '\n' || (c == '\r' && (p + 1 >= chars.length || chars[p + 1] != '\n'))) {
                line++;
                lineStart = p + 1;
            }
        }
        return new MalformedXmlException(reason, line, offset - lineStart + 1);
    }
}
