import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;

/**
 * Downloads a file and checks it against an npm-style integrity value ({@code sha512-<base64>}) before it is moved
 * into place: {@code java Fetch.java <url> <file> <integrity>}. Run from source by the service scripts, so that a
 * machine with only a JDK needs neither curl nor wget to fetch Node.js.
 */
public final class Fetch {
  public static void main(String[] args) throws Exception {
    if (args.length != 3 || !args[2].startsWith("sha512-")) {
      System.err.println("usage: java Fetch.java <url> <file> sha512-<base64>");
      System.exit(2);
    }
    Path target = Path.of(args[1]);
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofMinutes(10)).build();
    HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IOException(args[0] + " answered HTTP " + response.statusCode());
    }
    MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
    try (InputStream in = response.body(); var out = Files.newOutputStream(partial)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha512.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
    String actual = "sha512-" + Base64.getEncoder().encodeToString(sha512.digest());
    if (!actual.equals(args[2])) {
      Files.deleteIfExists(partial);
      throw new IOException(args[0] + " does not match its pinned digest: expected " + args[2] + ", got " + actual);
    }
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
