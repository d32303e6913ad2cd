package io.virtforge.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A matching of requests to distinct candidates (PCI devices, mediated device instances) by Kuhn's augmenting
 * paths: found whenever one exists, in polynomial time.
 */
final class Matching {
    private Matching() {
    }

    /**
     * One candidate per request, all distinct by {@code key} and each {@code acceptable}, in the requests'
     * order; null when there is no such choice.
     */
    static <C> List<C> match(List<List<C>> candidates, Predicate<C> acceptable, Function<C, Object> key) {
        List<C> chosen = new ArrayList<>();
        candidates.forEach(c -> chosen.add(null));
        for (int r = 0; r < candidates.size(); r++) {
            if (!augment(r, candidates, acceptable, key, chosen, new HashSet<>())) {
                return null;
            }
        }
        return chosen;
    }

    /** The first request without any candidate, or -1. */
    static <C> int firstUnservable(List<List<C>> candidates) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    /** The host nodes that anchor some candidate ({@code anchors} null: any node, none added). */
    static <C> Set<Integer> anchorNodes(List<List<C>> candidates, Function<C, Set<Integer>> anchors) {
        Set<Integer> nodes = new java.util.TreeSet<>();
        candidates.forEach(list -> list.forEach(c -> {
            Set<Integer> a = anchors.apply(c);
            if (a != null) {
                nodes.addAll(a);
            }
        }));
        return nodes;
    }

    /** An augmenting path from request r; {@code visited} holds the keys already tried on this path. */
    private static <C> boolean augment(int r, List<List<C>> candidates, Predicate<C> acceptable,
            Function<C, Object> key, List<C> chosen, Set<Object> visited) {
        for (C c : candidates.get(r)) {
            if (!acceptable.test(c) || !visited.add(key.apply(c))) {
                continue;
            }
            int holder = -1;
            for (int i = 0; i < chosen.size(); i++) {
                if (chosen.get(i) != null && key.apply(chosen.get(i)).equals(key.apply(c))) {
                    holder = i;
                }
            }
            if (holder < 0 || augment(holder, candidates, acceptable, key, chosen, visited)) {
                chosen.set(r, c);
                return true;
            }
        }
        return false;
    }
}
