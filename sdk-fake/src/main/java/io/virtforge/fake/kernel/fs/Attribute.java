package io.virtforge.fake.kernel.fs;

/** What a fake file does when read and written: a stored value, or a view of the fake kernel's state. */
public interface Attribute {
    /** The file's content. */
    String read();

    /** Handles a write of the whole value; throws {@link KernelError} to refuse it. */
    void write(String value);
}
