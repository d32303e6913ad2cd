package io.virtforge.testkit;

/** A symbolic link of the fake tree; the target is kept as written, usually relative. */
record FakeSymlink(String target) implements FakeNode {
}
