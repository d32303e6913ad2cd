package io.virtforge.model;

/** How QEMU performs disk I/O ({@code <driver io>}). */
public enum IoMode implements XmlEnum {
    /** A thread pool. */
    THREADS,
    /** Linux native AIO: with cache none, the recommended mode. */
    NATIVE,
    /** io_uring. */
    IO_URING {
        @Override
        public String xmlValue() {
            return "io_uring";
        }
    },
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
