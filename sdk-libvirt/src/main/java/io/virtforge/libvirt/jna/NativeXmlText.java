package io.virtforge.libvirt.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.virtforge.xml.XmlDocument;
import io.virtforge.xml.XmlWriter;
import java.util.function.Function;

/**
 * An XML document written straight into native memory as libvirt reads it: UTF-8, NUL-terminated. One
 * buffer per thread, reused. Handing libvirt a Java {@code String} instead costs, on every call, the string
 * itself, JNA's byte-array copy of it and a freshly malloc'd native copy registered with JNA's cleaner; on
 * the test driver that allocation alone measured several percent of a define + undefine (benchmarks/README.md,
 * "libvirt overhead").
 *
 * <p>The pointer is valid only inside {@link #with}'s call. A thread that is already inside one (libvirt
 * calling back into Java that defines again) gets a buffer of its own for the inner call.
 */
final class NativeXmlText {
    private static final int INITIAL = 4096;
    /**
     * A thread whose byte buffer grew past this (a document of over a third as many characters) drops all its
     * buffers after the call, so an idle thread holds little.
     */
    private static final int KEPT = 1 << 20;
    private static final ThreadLocal<NativeXmlText> PER_THREAD = ThreadLocal.withInitial(NativeXmlText::new);

    private byte[] bytes = new byte[INITIAL];
    private Memory memory = new Memory(INITIAL);
    private boolean inUse;

    private NativeXmlText() {
    }

    /** Runs {@code call} with the document as a C string; the pointer must not outlive the call. */
    static <T> T with(XmlDocument document, Function<Pointer, T> call) {
        NativeXmlText buffer = PER_THREAD.get();
        if (buffer.inUse) {
            NativeXmlText own = new NativeXmlText();
            try {
                return own.run(document, call);
            } finally {
                own.memory.close();
            }
        }
        buffer.inUse = true;
        try {
            return buffer.run(document, call);
        } finally {
            buffer.inUse = false;
            if (buffer.bytes.length > KEPT) {
                buffer.memory.close();
                PER_THREAD.remove();
            }
        }
    }

    private <T> T run(XmlDocument document, Function<Pointer, T> call) {
        return call.apply(XmlWriter.write(document, this::copyOut));
    }

    /** The writer's text as UTF-8 in {@link #memory}, NUL-terminated; the characters are valid during the call only. */
    private Memory copyOut(char[] in, int n) {
        int length = encode(in, n);
        if (memory.size() < length) {
            memory.close();
            memory = new Memory(Math.max(length, 2 * memory.size()));
        }
        memory.write(0, bytes, 0, length);
        return memory;
    }

    /** UTF-8 of {@code in[0, n)} into {@link #bytes}, NUL-terminated; returns the byte count with the NUL. */
    private int encode(char[] in, int n) {
        if (bytes.length < 3 * n + 1) {
            bytes = new byte[Math.max(3 * n + 1, 2 * bytes.length)];
        }
        byte[] out = bytes;
        int o = 0;
        for (int i = 0; i < n; i++) {
            char c = in[i];
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xC0 | (c >> 6));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(in[i + 1])) {
                int cp = Character.toCodePoint(c, in[++i]);
                out[o++] = (byte) (0xF0 | (cp >> 18));
                out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                out[o++] = '?'; // as String.getBytes does for a lone surrogate (XML text cannot hold one)
            } else {
                out[o++] = (byte) (0xE0 | (c >> 12));
                out[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out[o++] = 0;
        return o;
    }
}
