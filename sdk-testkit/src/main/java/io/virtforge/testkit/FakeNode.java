package io.virtforge.testkit;

/** An entry of the fake tree: a {@link FakeDirectory}, a {@link FakeFile} or a {@link FakeSymlink}. */
sealed interface FakeNode permits FakeDirectory, FakeFile, FakeSymlink {
}
