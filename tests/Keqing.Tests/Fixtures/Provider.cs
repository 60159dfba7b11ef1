namespace Keqing.Tests.Fixtures;

/// <summary>The database a data test runs on; every data test runs on both.</summary>
public enum Provider { Sqlite, Postgres }
