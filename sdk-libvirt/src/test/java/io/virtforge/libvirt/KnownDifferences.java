package io.virtforge.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The corpus documents on which the fake's define and {@code qemu:///system}'s still disagree, each with the
 * reason ({@value #FILE}, a test resource: {@code CORPUS/FOLDER/FILE<tab>reason} per line, {@code #} comments).
 * {@link FakeDefineDifferentialIT} fails on any disagreement not listed and on any listed one that went away, so
 * the list is always exactly the fake's known gaps.
 */
final class KnownDifferences {
    static final String FILE = "fake-define-known-differences.txt";

    private KnownDifferences() {
    }

    /** The listed documents of one corpus ({@code libvirt-9.0.0}), by key, with their reasons. */
    static Map<String, String> of(String corpus) {
        Map<String, String> known = new TreeMap<>();
        try (InputStream in = KnownDifferences.class.getResourceAsStream("/" + FILE)) {
            if (in == null) {
                return known;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String key = tab < 0 ? line.strip() : line.substring(0, tab);
                if (key.startsWith(corpus + "/")) {
                    known.put(key, tab < 0 ? "" : line.substring(tab + 1));
                }
            }
            return known;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
