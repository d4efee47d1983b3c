package io.whizbang.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A scaling curve as a harness measures it: points of one or more series, kept as
 * {@code benchmarks/results/<name>.csv} (series, x, y) and drawn as {@code benchmarks/results/<name>.png}, the
 * picture BENCHMARKS.md shows. The CSV is the record; the PNG is regenerated from the same points.
 */
public final class Curve {
  private final String name;
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean logX;
  private final Map<String, List<double[]>> series = new LinkedHashMap<>();

  public Curve(String name, String title, String xLabel, String yLabel, boolean logX) {
    this.name = name;
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logX = logX;
  }

  public void add(String seriesName, double x, double y) {
    series.computeIfAbsent(seriesName, k -> new ArrayList<>()).add(new double[] {x, y});
  }

  /** Writes the CSV and the PNG under {@code dir} (created if needed); says where. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder csv = new StringBuilder("series,x,y\n");
    series.forEach((s, points) -> points.forEach(p ->
        csv.append(String.format(Locale.ROOT, "%s,%s,%.3f%n", s, p[0], p[1]))));
    Path csvFile = dir.resolve(name + ".csv");
    Files.writeString(csvFile, csv);
    Path png = dir.resolve(name + ".png");
    List<LineChart.Series> drawn = new ArrayList<>();
    series.forEach((s, points) -> drawn.add(new LineChart.Series(s, points)));
    LineChart.write(png, title, xLabel, yLabel, logX, drawn);
    Report.info("wrote " + csvFile + " and " + png);
  }

  /** Where curves go: {@code --results=DIR}, default {@code benchmarks/results}. */
  public static Path resultsDir(String[] args) {
    for (String a : args) {
      if (a.startsWith("--results=")) {
        return Path.of(a.substring("--results=".length()));
      }
    }
    return Path.of("benchmarks", "results");
  }
}
