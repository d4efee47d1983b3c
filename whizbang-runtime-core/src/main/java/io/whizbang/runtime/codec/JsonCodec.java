package io.whizbang.runtime.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Reads and writes one type as JSON on Jackson's streaming API. The processor generates one per message type and
 * per record they contain ({@code OrderPlaced_JsonCodec}); no reflection is involved.
 *
 * @param <T> the type this codec reads and writes
 */
public interface JsonCodec<T> {

  /** Writes {@code value} (never null) as one JSON value. */
  void write(JsonGenerator out, T value) throws IOException;

  /**
   * Reads one value. The parser is positioned on the value's first token (call {@code nextToken()} before the first
   * read of a document); on return it is positioned on the value's last token.
   *
   * @throws CodecException when the input does not describe a valid {@code T}
   */
  T read(JsonParser in) throws IOException;

  /**
   * The version of the shape {@link #write} writes ({@code @MessageVersion}); 1 for a message that declares none
   * and for every record inside a message.
   */
  default int version() {
    return 1;
  }

  /**
   * Reads one value written as {@code version}. The generated codec of a versioned message reads an older version
   * with the older record's codec and upcasts it through its {@code @Upcasts} methods; a version it does not know
   * (a newer one, say) is refused, never read as if it were the current one.
   *
   * @throws CodecException when the input does not describe a valid {@code T}, or {@code version} is unknown
   */
  default T read(JsonParser in, int version) throws IOException {
    if (version != version()) {
      throw io.whizbang.runtime.generated.MessageVersions.unknown(getClass().getSimpleName(), version, version());
    }
    return read(in);
  }
}
