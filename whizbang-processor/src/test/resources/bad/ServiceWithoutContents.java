package test;

import io.whizbang.annotations.WhizbangService;

@WhizbangService(name = "shipping", owns = "shipping")
public final class ServiceWithoutContents {}
