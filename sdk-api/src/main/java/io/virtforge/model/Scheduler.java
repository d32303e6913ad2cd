package io.virtforge.model;

/** Host scheduler policies for vCPU, emulator and I/O threads ({@code scheduler} attribute). */
public enum Scheduler implements XmlEnum {
    /** SCHED_BATCH. */
    BATCH,
    /** SCHED_IDLE. */
    IDLE,
    /** SCHED_FIFO, real-time; needs {@code priority}. */
    FIFO,
    /** SCHED_RR, real-time; needs {@code priority}. */
    RR,
    /** A value this SDK does not know; the text is kept. */
    UNRECOGNIZED
}
