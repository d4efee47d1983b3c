package io.whizbang.runtime.feed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds a server {@link SSLContext} from a PKCS#12 file, with an error that says what is wrong with it. */
final class FeedTls {
  private FeedTls() {}

  static SSLContext fromPkcs12(Path file, char[] password) {
    Objects.requireNonNull(file, "pkcs12");
    Objects.requireNonNull(password, "password");
    KeyStore store;
    try (InputStream in = Files.newInputStream(file)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("The feed's TLS key store " + file + " does not exist", e);
    } catch (IOException e) {
      // KeyStore.load reports a wrong password as an IOException caused by UnrecoverableKeyException.
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new IllegalArgumentException("The password of the feed's TLS key store " + file + " is wrong", e);
      }
      throw new IllegalArgumentException("The feed's TLS key store " + file + " cannot be read as PKCS#12 ("
          + e.getMessage() + ")", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("The feed's TLS key store " + file + " cannot be loaded (" + e.getMessage()
          + ")", e);
    }
    try {
      boolean hasKey = false;
      for (String alias : Collections.list(store.aliases())) {
        hasKey |= store.isKeyEntry(alias);
      }
      if (!hasKey) {
        throw new IllegalArgumentException("The feed's TLS key store " + file + " holds no private key; it needs the"
            + " server's key and certificate chain");
      }
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("The feed's TLS key store " + file + " cannot be used (" + e.getMessage()
          + ")", e);
    }
  }
}
