Feature: When something goes wrong
  If the album cannot be reached, the person gets an apology and nothing is half-kept.

  Scenario: The database is down while a photo arrives
    Given Alice has started the bot
    And the album's storage is unavailable
    When Alice uploads a photo
    Then Alice receives a message containing "Sorry, something went wrong on my side and nothing was changed."
    When the album's storage is back
    Then the family album of Alice holds 0 photos
