package io.whizbang.samples.quickstart.codec;

public enum Colour {
  RED,
  GREEN,
  BLUE
}
