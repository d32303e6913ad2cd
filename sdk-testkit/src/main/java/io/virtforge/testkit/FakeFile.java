package io.virtforge.testkit;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A file of the fake tree: an {@link Attribute} and its access mode. As root on real sysfs, writing a
 * file without write permission and reading one without read permission are {@code EACCES}.
 */
record FakeFile(Attribute attribute, boolean readable, boolean writable) implements FakeNode {
    /** A read-only attribute with fixed content. */
    static FakeFile readOnly(String content) {
        return new FakeFile(new PlainAttribute(content), true, false);
    }

    /** A read-write attribute holding a value. */
    static FakeFile readWrite(String content) {
        return new FakeFile(new PlainAttribute(content), true, true);
    }

    /** A read-only view of state. */
    static FakeFile view(Supplier<String> reader) {
        return new FakeFile(DynamicAttribute.readOnly(reader), true, false);
    }

    /** A write-only command file. */
    static FakeFile command(Consumer<String> handler) {
        return new FakeFile(DynamicAttribute.command(handler), false, true);
    }

    /** A readable and writable attribute with behaviour. */
    static FakeFile of(Attribute attribute) {
        return new FakeFile(attribute, true, true);
    }
}
