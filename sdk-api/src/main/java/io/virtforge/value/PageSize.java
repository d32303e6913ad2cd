package io.virtforge.value;

/**
 * The size of a memory page: the base 4 KiB page or a huge page size (2 MiB, 1 GiB on x86_64).
 * Parses {@code 2MiB}, {@code 2M}, {@code 2048KiB}, {@code 2048kB} (the sysfs spelling) and bare
 * numbers in KiB (libvirt's default unit for page sizes); formats as {@code 2MiB}.
 *
 * @param bytes the size in bytes: a power of two of at least 1 KiB
 */
public record PageSize(long bytes) implements Comparable<PageSize> {
    /** The x86_64 base page. */
    public static final PageSize KIB_4 = new PageSize(4L << 10);
    /** The x86_64 2 MiB huge page. */
    public static final PageSize MIB_2 = new PageSize(2L << 20);
    /** The x86_64 1 GiB huge page. */
    public static final PageSize GIB_1 = new PageSize(1L << 30);

    /** Checks that the size is a power of two of at least 1 KiB. */
    public PageSize {
        if (bytes < 1024 || Long.bitCount(bytes) != 1) {
            throw new ValueFormatException("page size", Long.toString(bytes), -1,
                    "a page size is a power of two of at least 1 KiB");
        }
    }

    /** A page size in KiB, the unit of libvirt's {@code <page size>} and of sysfs. */
    public static PageSize ofKib(long kib) {
        return of(DataSize.kib(kib));
    }

    /** A page size of the given amount. */
    public static PageSize of(DataSize size) {
        return new PageSize(size.bytes());
    }

    /** Parses a page size; a bare number is in KiB. {@code kB} (sysfs, procfs) means KiB. */
    public static PageSize parse(String text) {
        String t = text.endsWith("kB") ? text.substring(0, text.length() - 2) + "KiB" : text;
        boolean bare = !t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9');
        try {
            DataSize size = bare ? DataSize.parse(t, DataUnit.KIB) : DataSize.parse(t);
            return of(size);
        } catch (ValueFormatException e) {
            throw new ValueFormatException("page size", text, e.position(), e.reason());
        }
    }

    /** The size in KiB. */
    public long kib() {
        return bytes >> 10;
    }

    /** The size as a {@link DataSize}. */
    public DataSize size() {
        return DataSize.ofBytes(bytes);
    }

    /** True for sizes larger than the 4 KiB base page. */
    public boolean isHuge() {
        return bytes > KIB_4.bytes;
    }

    /** Canonical text, e.g. {@code 2MiB}. */
    public String format() {
        return size().format();
    }

    @Override
    public String toString() {
        return format();
    }

    @Override
    public int compareTo(PageSize o) {
        return Long.compare(bytes, o.bytes);
    }
}
