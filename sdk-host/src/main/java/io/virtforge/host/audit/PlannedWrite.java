package io.virtforge.host.audit;

import io.virtforge.host.sysfs.SysfsPath;

/**
 * One write of a {@link TuningPlan}.
 *
 * @param code     the audit finding it fixes, e.g. {@code THP_ENABLED}
 * @param path     the file
 * @param value    the value to write
 * @param previous the value it has now, written back if the plan has to be undone
 */
public record PlannedWrite(String code, SysfsPath path, String value, String previous) {
    /** {@code path: previous -> value (CODE)}. */
    @Override
    public String toString() {
        return path + ": " + previous + " -> " + value + " (" + code + ")";
    }
}
