package io.virtforge.host.pci;

import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import java.util.List;

/** A {@link Sysfs} that hides every {@code uevent} file: discovery then reads the separate attribute files. */
final class WithoutUevents implements Sysfs {
    private final Sysfs real;

    WithoutUevents(Sysfs real) {
        this.real = real;
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
        return real.list(directory).stream().filter(n -> !n.equals("uevent")).toList();
    }

    @Override
    public String readLink(SysfsPath link) {
        return real.readLink(link);
    }

    @Override
    public boolean exists(SysfsPath path) {
        return real.exists(path);
    }

    @Override
    public boolean isDirectory(SysfsPath path) {
        return real.isDirectory(path);
    }
}
