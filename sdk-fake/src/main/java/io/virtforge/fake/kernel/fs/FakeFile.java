package io.virtforge.fake.kernel.fs;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A file of the fake tree: an {@link Attribute} and its access mode. As root on real sysfs, writing a
 * file without write permission and reading one without read permission are {@code EACCES}.
 */
public record FakeFile(Attribute attribute, boolean readable, boolean writable) implements FakeNode {
    /** A read-only attribute with fixed content. */
    public static FakeFile readOnly(String content) {
        return new FakeFile(new PlainAttribute(content), true, false);
    }

    /** A read-write attribute holding a value. */
    public static FakeFile readWrite(String content) {
        return new FakeFile(new PlainAttribute(content), true, true);
    }

    /** A read-only view of state. */
    public static FakeFile view(Supplier<String> reader) {
        return new FakeFile(DynamicAttribute.readOnly(reader), true, false);
    }

    /** A write-only command file. */
    public static FakeFile command(Consumer<String> handler) {
        return new FakeFile(DynamicAttribute.command(handler), false, true);
    }

    /** A readable and writable attribute with behaviour. */
    public static FakeFile of(Attribute attribute) {
        return new FakeFile(attribute, true, true);
    }
}
