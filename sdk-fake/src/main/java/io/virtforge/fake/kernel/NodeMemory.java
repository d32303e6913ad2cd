package io.virtforge.fake.kernel;

/** A NUMA node's memory in the fake kernel: its size and how much of it is free for huge page allocation. */
final class NodeMemory {
    final long totalBytes;
    long freeBytes;

    NodeMemory(long totalBytes, long freeBytes) {
        if (freeBytes > totalBytes) {
            throw new IllegalArgumentException("free memory " + freeBytes + " > total " + totalBytes);
        }
        this.totalBytes = totalBytes;
        this.freeBytes = freeBytes;
    }
}
