package library.events;

import io.whizbang.annotations.Event;
import io.whizbang.annotations.PartitionKey;
import io.whizbang.annotations.WireName;

@WireName("billing.InvoiceIssued.v2")
public record InvoiceIssued(@PartitionKey long invoiceNumber, String customer) implements Event {}
