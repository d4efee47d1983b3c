package io.whizbang.benchmarks.harness;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws one or more series of (x, y) points as a line chart in a PNG, with the JDK's own 2D graphics (headless), so
 * that a scaling curve becomes a picture without a plotting dependency. Axes start at zero, so that a flat or a
 * linear curve looks like one; x may be drawn on a log scale for sizes spread over decades.
 */
public final class LineChart {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 540;
  private static final int LEFT = 90;
  private static final int RIGHT = 30;
  private static final int TOP = 56;
  private static final int BOTTOM = 70;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
      new Color(0x9467bd), new Color(0xff7f0e)};

  private LineChart() {}

  /** A named series of points, in x order. */
  public record Series(String name, List<double[]> points) {}

  public static void write(Path png, String title, String xLabel, String yLabel, boolean logX, List<Series> series)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);

    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = 0;
    for (Series s : series) {
      for (double[] p : s.points()) {
        minX = Math.min(minX, p[0]);
        maxX = Math.max(maxX, p[0]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    double yTop = niceCeiling(maxY);
    // x runs a little past the last point, labelled at the measured values (counts and sizes, not a scale).
    Axis x = logX ? new Axis(Math.log10(minX) - 0.15, Math.log10(maxX) + 0.15, true) : new Axis(0, maxX * 1.08, false);

    g.setColor(Color.BLACK);
    // "Title (details)": the details go on a second, smaller line.
    int open = title.indexOf(" (");
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(open < 0 ? title : title.substring(0, open), LEFT, 22);
    if (open >= 0) {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(title.substring(open + 2, title.length() - (title.endsWith(")") ? 1 : 0)), LEFT, 40);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    g.drawRect(LEFT, TOP, plotW, plotH);
    for (int i = 0; i <= 5; i++) {                       // y grid and labels
      double v = yTop * i / 5;
      int py = TOP + plotH - (int) Math.round(plotH * i / 5.0);
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(LEFT + 1, py, LEFT + plotW - 1, py);
      g.setColor(Color.BLACK);
      String label = format(v);
      g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), py + 4);
    }
    for (double tick : x.ticks(series)) {                // x labels at the measured points or round values
      int px = LEFT + (int) Math.round(plotW * x.fraction(tick));
      String label = format(tick);
      g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, TOP + plotH + 18);
    }
    g.drawString(xLabel, LEFT + plotW / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, HEIGHT - 25);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(yLabel, -(TOP + plotH / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 20);
    rotated.dispose();

    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      g.setColor(COLORS[k % COLORS.length]);
      g.setStroke(new BasicStroke(2.2f));
      int prevX = -1;
      int prevY = -1;
      for (double[] p : s.points()) {
        int px = LEFT + (int) Math.round(plotW * x.fraction(p[0]));
        int py = TOP + plotH - (int) Math.round(plotH * (yTop == 0 ? 0 : p[1] / yTop));
        if (prevX >= 0) {
          g.drawLine(prevX, prevY, px, py);
        }
        g.fillOval(px - 4, py - 4, 8, 8);
        prevX = px;
        prevY = py;
      }
      int ly = TOP + 18 + 18 * k;                        // legend, top left inside the plot
      g.fillRect(LEFT + 12, ly - 8, 14, 4);
      g.setColor(Color.BLACK);
      g.drawString(s.name(), LEFT + 32, ly - 2);
    }
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(image, "png", png.toFile());
  }

  private record Axis(double from, double to, boolean log) {
    double fraction(double value) {
      double v = log ? Math.log10(value) : value;
      return to == from ? 0.5 : (v - from) / (to - from);
    }

    List<Double> ticks(List<Series> series) {
      return series.stream().flatMap(s -> s.points().stream()).map(p -> p[0]).distinct().sorted().toList();
    }
  }

  /** 1, 2 or 5 times a power of ten, at or above {@code v}. */
  private static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= v) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String format(double v) {
    if (v >= 1_000_000 && v % 1_000_000 == 0) {
      return String.format(Locale.ROOT, "%.0fM", v / 1_000_000);
    }
    if (v >= 10_000 && v % 1000 == 0) {
      return String.format(Locale.ROOT, "%.0fk", v / 1000);
    }
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
