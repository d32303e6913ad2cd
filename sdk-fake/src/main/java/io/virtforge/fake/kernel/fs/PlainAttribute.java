package io.virtforge.fake.kernel.fs;

/**
 * A stored value. A write replaces it and, as sysfs attributes do when read back, shows the value with
 * one trailing newline whether or not the writer sent one.
 */
public final class PlainAttribute implements Attribute {
    private String content;

    public PlainAttribute(String content) {
        this.content = content;
    }

    @Override
    public String read() {
        return content;
    }

    @Override
    public void write(String value) {
        content = KernelText.stripNewline(value) + "\n";
    }

    /** Replaces the content as the kernel would, with no write rules. */
    public void set(String newContent) {
        content = newContent;
    }
}
