"""Who may see and change what: the classification every record carries (classified) and the
decisions that compare it with a reader's clearance and role (policy). Below every app: the audit
trail, the accounts and the record layer all ask it, and it asks none of them."""
