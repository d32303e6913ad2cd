package io.virtforge.model;

import java.util.OptionalInt;
import java.util.OptionalLong;

/** Turns the model's internal "absent" sentinels (-1) into optionals at the API boundary. */
final class Opt {
    private Opt() {
    }

    static OptionalInt of(int v) {
        return v < 0 ? OptionalInt.empty() : OptionalInt.of(v);
    }

    static OptionalLong of(long v) {
        return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
