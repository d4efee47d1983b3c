package test;

import io.whizbang.annotations.WhizbangService;

@WhizbangService(name = "Orders_Service", owns = "orders")
public final class InvalidServiceName {}
