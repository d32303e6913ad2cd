package io.virtforge.host.sysfs;

/** Paths of kernel memory tuning knobs: transparent huge pages and KSM. */
public final class MemoryTuningPaths {
    private static final SysfsPath THP = SysfsPath.of("sys", "kernel", "mm", "transparent_hugepage");
    private static final SysfsPath KSM = SysfsPath.of("sys", "kernel", "mm", "ksm");
    /** THP mode, {@code always [madvise] never}. */
    public static final SysfsPath THP_ENABLED = THP.resolve("enabled");
    /** THP defrag mode, {@code always defer defer+madvise [madvise] never}. */
    public static final SysfsPath THP_DEFRAG = THP.resolve("defrag");
    /** KSM state: 0 stopped, 1 running, 2 unmerge all. */
    public static final SysfsPath KSM_RUN = KSM.resolve("run");
    /** Pages currently shared by KSM. */
    public static final SysfsPath KSM_PAGES_SHARING = KSM.resolve("pages_sharing");

    private MemoryTuningPaths() {
    }
}
