package io.virtforge.fake.kernel;

/** How a block device of a {@link FakeSysfs} host looks. */
public final class BlockDeviceSpec {
    String scheduler = "[none] mq-deadline";
    boolean rotational;

    BlockDeviceSpec() {
    }

    /** {@code queue/scheduler} as the kernel shows it, the current one in brackets (default {@code [none] mq-deadline}). */
    public BlockDeviceSpec scheduler(String shown) {
        this.scheduler = shown;
        return this;
    }

    /** {@code queue/rotational} (default false). */
    public BlockDeviceSpec rotational(boolean spinning) {
        this.rotational = spinning;
        return this;
    }
}
