package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.BlockDeviceName;
import io.virtforge.host.sysfs.BlockDevicePaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.fake.kernel.fs.ChoiceAttribute;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;

/** A block device: {@code /sys/block/<name>} linking to its folder with {@code queue/scheduler} and {@code queue/rotational}. */
final class BlockDeviceFiles {
    private BlockDeviceFiles() {
    }

    static void install(FakeTree tree, BlockDeviceName name, BlockDeviceSpec spec) {
        SysfsPath dir = SysfsPath.of("sys", "devices", "virtual", "block").resolve(name);
        tree.put(dir.resolve("queue", "scheduler"), FakeFile.of(ChoiceAttribute.parseBracketed(spec.scheduler)));
        tree.put(dir.resolve("queue", "rotational"), FakeFile.readWrite((spec.rotational ? 1 : 0) + "\n"));
        tree.link(BlockDevicePaths.device(name), dir);
    }
}
