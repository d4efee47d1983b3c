@OwnedBy("billing")
package library.events;

import io.whizbang.annotations.OwnedBy;
