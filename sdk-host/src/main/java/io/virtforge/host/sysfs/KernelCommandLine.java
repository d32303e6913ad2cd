package io.virtforge.host.sysfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel command line ({@code /proc/cmdline}) as parameters: {@code name=value} or a bare {@code name}.
 * Words after {@code --} belong to init and are left out; double quotes group a value with spaces, as the
 * kernel's {@code next_arg()} reads them. When a parameter is given twice the last one wins, as for most
 * kernel parameters.
 *
 * @param text       the command line as read
 * @param parameters the parameters in order of first appearance; a bare word maps to the empty string
 */
public record KernelCommandLine(String text, Map<String, String> parameters) {
    /** Copies the map. */
    public KernelCommandLine {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** An empty command line, for hosts where {@code /proc/cmdline} cannot be read. */
    public static KernelCommandLine empty() {
        return new KernelCommandLine("", Map.of());
    }

    /** Parses a command line. */
    public static KernelCommandLine parse(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String word : words(text)) {
            if (word.equals("--")) {
                break;
            }
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            String value = eq < 0 ? "" : unquote(word.substring(eq + 1));
            params.remove(name);
            params.put(name, value);
        }
        return new KernelCommandLine(text.strip(), params);
    }

    /** Reads {@code /proc/cmdline}; empty when it does not exist. */
    public static KernelCommandLine read(Sysfs sysfs) {
        return sysfs.readTrimmedIfExists(ProcPaths.CMDLINE).map(KernelCommandLine::parse).orElse(empty());
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                word.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static String unquote(String value) {
        return value.replace("\"", "");
    }

    /** The value of a parameter ({@code ""} for a bare word); empty when absent. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** True when the parameter is present, with or without a value. */
    public boolean has(String name) {
        return parameters.containsKey(name);
    }

    /** True when the parameter is present with exactly this value. */
    public boolean has(String name, String value) {
        return value.equals(parameters.get(name));
    }

    /**
     * True when a comma-separated parameter holds the option, e.g. {@code intel_iommu=on,sm_on} holds
     * {@code on}.
     */
    public boolean hasOption(String name, String option) {
        String v = parameters.get(name);
        if (v == null) {
            return false;
        }
        for (String o : v.split(",")) {
            if (o.equals(option)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
