package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.SysfsPath;
import java.util.Optional;

/**
 * One write made to a {@link FakeSysfs}, whether it succeeded or not.
 *
 * @param path         the path as written
 * @param resolvedPath the path with links resolved (the same as {@code path} when it could not be walked)
 * @param value        the value written
 * @param error        the errno the write failed with; empty when it succeeded
 */
public record WriteRecord(SysfsPath path, SysfsPath resolvedPath, String value, Optional<Errno> error) {
    /** True when the write succeeded. */
    public boolean succeeded() {
        return error.isEmpty();
    }

    /** True when the write went to {@code p}, named either as written or with links resolved. */
    public boolean isTo(SysfsPath p) {
        return path.equals(p) || resolvedPath.equals(p);
    }

    @Override
    public String toString() {
        return path + " <- '" + value.replace("\n", "\\n") + "'" + error.map(e -> " failed " + e).orElse("");
    }
}
