package io.whizbang.benchmarks.codec;

/** The nested record of {@link OrderSnapshot}. */
public record Address(String street, String city, String postcode, String country) {}
