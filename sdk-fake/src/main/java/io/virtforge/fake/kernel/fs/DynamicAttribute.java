package io.virtforge.fake.kernel.fs;

import io.virtforge.host.sysfs.Errno;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** An attribute backed by the fake kernel's state: reading asks a supplier, writing runs a handler. */
public final class DynamicAttribute implements Attribute {
    private final Supplier<String> reader;
    private final Consumer<String> writer;

    private DynamicAttribute(Supplier<String> reader, Consumer<String> writer) {
        this.reader = reader;
        this.writer = writer;
    }

    /** A read-only view. */
    public static DynamicAttribute readOnly(Supplier<String> reader) {
        return new DynamicAttribute(reader, v -> {
            throw new KernelError(Errno.EACCES, "read-only attribute");
        });
    }

    /** A write-only command file, such as {@code bind}. */
    public static DynamicAttribute command(Consumer<String> writer) {
        return new DynamicAttribute(() -> "", writer);
    }

    /** A readable and writable attribute. */
    public static DynamicAttribute of(Supplier<String> reader, Consumer<String> writer) {
        return new DynamicAttribute(reader, writer);
    }

    @Override
    public String read() {
        return reader.get();
    }

    @Override
    public void write(String value) {
        writer.accept(value);
    }
}
