package io.virtforge.fake.kernel.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** A directory of the fake tree, its entries sorted by name. */
public final class FakeDirectory implements FakeNode {
    private final SortedMap<String, FakeNode> entries = new TreeMap<>();

    public FakeNode get(String name) {
        return entries.get(name);
    }

    public void put(String name, FakeNode node) {
        entries.put(name, node);
    }

    public void remove(String name) {
        entries.remove(name);
    }

    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    public SortedMap<String, FakeNode> entries() {
        return entries;
    }
}
