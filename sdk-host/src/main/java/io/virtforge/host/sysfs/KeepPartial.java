package io.virtforge.host.sysfs;

/**
 * What to do when the kernel gives fewer huge pages or VFs than asked: keep what it gave, or put the
 * previous count back.
 */
public enum KeepPartial {
    /** Keep the partial pool (or VF count); the result says how many there are. */
    KEEP,
    /** Restore the previous count; the result still says how many the kernel gave. */
    RESTORE
}
