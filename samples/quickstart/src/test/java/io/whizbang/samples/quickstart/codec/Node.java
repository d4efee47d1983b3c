package io.whizbang.samples.quickstart.codec;

import java.util.List;

/** A recursive record: its codec refers to itself. */
public record Node(String name, int weight, List<Node> children) {}
