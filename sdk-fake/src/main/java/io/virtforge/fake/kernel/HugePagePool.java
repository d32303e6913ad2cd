package io.virtforge.fake.kernel;

/** One node's pool of one huge page size: pages allocated ({@code nr}, surplus included), in use, surplus. */
final class HugePagePool {
    long nr;
    long inUse;
    long surplus;

    long persistent() {
        return nr - surplus;
    }

    long free() {
        return nr - inUse;
    }
}
