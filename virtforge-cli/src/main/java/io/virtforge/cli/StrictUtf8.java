package io.virtforge.cli;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Decodes a file's bytes as UTF-8 and refuses anything else with where it is: {@code FILE: line 3, column
 * 12: not UTF-8 (byte 0xE9)}. Java's lenient decoding would turn a Latin-1 byte into U+FFFD and a file
 * rewritten in place would lose it; its strict decoding says only "Input length = 1".
 */
final class StrictUtf8 {
    private StrictUtf8() {
    }

    static String decode(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            throw CliException.badInput(file + ": " + where(bytes, in.position()) + ": not UTF-8 (byte 0x"
                    + String.format(Locale.ROOT, "%02X", bytes[in.position()] & 0xff) + "); libvirt's XML is UTF-8: "
                    + "convert the file, e.g. iconv -f latin1 -t utf-8");
        }
        return out.flip().toString();
    }

    /** {@code line L, column C} of the byte at {@code offset}; the column counts characters, not bytes. */
    private static String where(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int i = lineStart; i < offset; i++) {
            // count characters: every byte but UTF-8 continuation bytes starts one
            if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }
}
