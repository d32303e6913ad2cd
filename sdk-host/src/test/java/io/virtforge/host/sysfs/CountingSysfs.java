package io.virtforge.host.sysfs;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Sysfs} that only counts how often it is asked for anything. */
final class CountingSysfs implements Sysfs {
    private final AtomicInteger calls = new AtomicInteger();

    int calls() {
        return calls.get();
    }

    @Override
    public String read(SysfsPath path) {
        calls.incrementAndGet();
        return "";
    }

    @Override
    public void write(SysfsPath path, String value) {
        calls.incrementAndGet();
    }

    @Override
    public List<String> list(SysfsPath directory) {
        calls.incrementAndGet();
        return List.of();
    }

    @Override
    public String readLink(SysfsPath link) {
        calls.incrementAndGet();
        return "";
    }

    @Override
    public boolean exists(SysfsPath path) {
        calls.incrementAndGet();
        return false;
    }

    @Override
    public boolean isDirectory(SysfsPath path) {
        calls.incrementAndGet();
        return false;
    }
}
