package io.virtforge.fake.host;

import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import java.util.List;
import java.util.function.Predicate;

/** A {@link Sysfs} that reports some paths as absent when asked whether they exist: a read-back that misses. */
final class HidingSysfs implements Sysfs {
    private final Sysfs real;
    private final Predicate<SysfsPath> hide;

    HidingSysfs(Sysfs real, Predicate<SysfsPath> hide) {
        this.real = real;
        this.hide = hide;
    }

    @Override
    public String read(SysfsPath path) {
        return real.read(path);
    }

    @Override
    public void write(SysfsPath path, String value) {
        real.write(path, value);
    }

    @Override
    public List<String> list(SysfsPath directory) {
        return real.list(directory);
    }

    @Override
    public String readLink(SysfsPath link) {
        return real.readLink(link);
    }

    @Override
    public boolean exists(SysfsPath path) {
        return !hide.test(path) && real.exists(path);
    }

    @Override
    public boolean isDirectory(SysfsPath path) {
        return real.isDirectory(path);
    }
}
