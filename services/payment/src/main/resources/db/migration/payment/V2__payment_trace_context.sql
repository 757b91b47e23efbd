-- The W3C trace context (traceparent, tracestate) of the event that asked for the payment's next
-- processor call (OrderCreated for the charge, OrderCancelled for a refund): the charger continues
-- that trace, so the call and the event it leads to belong to the order's trace.
ALTER TABLE payments ADD COLUMN trace_context jsonb NOT NULL DEFAULT '{}';
