package io.virtforge.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** A directory of the fake tree, its entries sorted by name. */
final class FakeDirectory implements FakeNode {
    private final SortedMap<String, FakeNode> entries = new TreeMap<>();

    FakeNode get(String name) {
        return entries.get(name);
    }

    void put(String name, FakeNode node) {
        entries.put(name, node);
    }

    void remove(String name) {
        entries.remove(name);
    }

    List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    SortedMap<String, FakeNode> entries() {
        return entries;
    }
}
