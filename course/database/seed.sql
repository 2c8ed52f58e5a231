-- Day 4, Step 4.2 — sample data (exactly the guide's statement). Run after schema.sql:
--   kubectl exec -i -n ecommerce deployment/ecommerce-database-deployment -- psql -U postgres -d ecommerce < database/seed.sql
INSERT INTO products (name, description, price, category) VALUES
('Laptop', 'High-performance laptop', 999.99, 'Electronics'),
('Mouse', 'Wireless mouse', 29.99, 'Electronics'),
('Keyboard', 'Mechanical keyboard', 79.99, 'Electronics');
