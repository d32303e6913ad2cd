package io.virtforge.fake.kernel.fs;

import io.virtforge.host.sysfs.Errno;
import java.util.List;

/**
 * An attribute that selects one of fixed choices, shown as the kernel shows transparent huge page modes
 * and I/O schedulers: all choices with the current one in brackets, {@code always [madvise] never}; or,
 * unbracketed, only the current one (CPU frequency governors). A write of another word is
 * {@link Errno#EINVAL}.
 */
public final class ChoiceAttribute implements Attribute {
    private final List<String> choices;
    private final boolean bracketed;
    private String current;

    public ChoiceAttribute(List<String> choices, String current, boolean bracketed) {
        if (!choices.contains(current)) {
            throw new IllegalArgumentException("'" + current + "' is not one of " + choices);
        }
        this.choices = List.copyOf(choices);
        this.current = current;
        this.bracketed = bracketed;
    }

    /** Parses the bracketed form, {@code always [madvise] never}. */
    public static ChoiceAttribute parseBracketed(String shown) {
        List<String> words = List.of(shown.strip().split("\\s+"));
        String selected = words.stream().filter(w -> w.startsWith("[")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no [selected] choice in '" + shown + "'"));
        List<String> plain = words.stream().map(w -> w.replace("[", "").replace("]", "")).toList();
        return new ChoiceAttribute(plain, selected.substring(1, selected.length() - 1), true);
    }

    @Override
    public String read() {
        if (!bracketed) {
            return current + "\n";
        }
        StringBuilder b = new StringBuilder();
        for (String c : choices) {
            b.append(b.length() == 0 ? "" : " ").append(c.equals(current) ? "[" + c + "]" : c);
        }
        return b.append('\n').toString();
    }

    @Override
    public void write(String value) {
        String word = value.strip();
        if (!choices.contains(word)) {
            throw new KernelError(Errno.EINVAL, "'" + word + "' is not one of " + choices);
        }
        current = word;
    }
}
